import { useEffect, useState, type DependencyList } from 'react';

export type Async<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: T }
  | { readonly state: 'error'; readonly error: Error };

/** Runs `fn` when `deps` change; stale answers (after a change or unmount) are dropped. */
export function useAsync<T>(fn: () => Promise<T>, deps: DependencyList): Async<T> {
  const [s, setS] = useState<Async<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setS({ state: 'loading' });
    fn().then(
      (data) => live && setS({ state: 'ok', data }),
      (error: unknown) => live && setS({ state: 'error', error: error as Error }),
    );
    return () => {
      live = false;
    };
  }, deps); // the caller lists what `fn` depends on
  return s;
}
