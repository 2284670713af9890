import { useCallback, useSyncExternalStore } from 'react';

/** One timer per interval, shared by every component that shows a live time. */
interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer?: ReturnType<typeof setInterval>;
}

const tickers = new Map<number, Ticker>();

/**
 * The ticker of an interval. One that nobody listened to for a while starts again from the
 * current time, before its first listener renders (not after it subscribed: that would paint
 * a stale time first, then render again); the components of one render still agree.
 */
function tickerOf(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = { now: Date.now(), listeners: new Set() };
    tickers.set(intervalMs, ticker);
  } else if (
    ticker.listeners.size === 0 &&
    Date.now() - ticker.now >= intervalMs
  ) {
    ticker.now = Date.now();
  }
  return ticker;
}

function subscribe(
  ticker: Ticker,
  intervalMs: number,
  onTick: () => void,
): () => void {
  if (ticker.listeners.size === 0) {
    ticker.timer = setInterval(() => {
      ticker.now = Date.now();
      ticker.listeners.forEach(listener => listener());
    }, intervalMs);
  }
  ticker.listeners.add(onTick);
  return () => {
    ticker.listeners.delete(onTick);
    if (ticker.listeners.size === 0) {
      clearInterval(ticker.timer);
      ticker.timer = undefined;
    }
  };
}

/**
 * The current time in ms, refreshed every `intervalMs` so relative times stay live.
 *
 * Every component with the same interval shares one timer, and they all update in the same
 * render. A timeline of 500 entries used to run 500 timers, and each one re-rendered and
 * re-laid-out the page on its own.
 */
export function useNow(intervalMs: number = 30_000): number {
  const ticker = tickerOf(intervalMs);
  const onSubscribe = useCallback(
    (onTick: () => void) => subscribe(ticker, intervalMs, onTick),
    [ticker, intervalMs],
  );
  return useSyncExternalStore(onSubscribe, () => ticker.now);
}
