/** Loads data with a function of the client, optionally refreshing on an interval; stale answers are dropped. */
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useAsync<T>(load: () => Promise<T>, deps: DependencyList, intervalMs?: number): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const inFlight = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    const mine = ++generation.current;
    inFlight.current = true;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine !== generation.current) return;
      setData(value);
      setError(undefined);
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e);
    } finally {
      if (mine === generation.current) {
        setLoading(false);
        inFlight.current = false;
      }
    }
  }, []);

  useEffect(
    () => {
      setData(undefined);
      void run();
      return () => {
        generation.current++;
        inFlight.current = false;
      };
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to reload
    deps,
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: run is stable
  useEffect(() => {
    if (!intervalMs) return;
    const timer = window.setInterval(() => {
      // A slow server: let the answer in flight land instead of starting over.
      if (document.visibilityState !== 'hidden' && !inFlight.current) void run();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);

  return { data, error, loading, reload: () => void run() };
}
