/** How the Store contract suite opens and disposes of the store under test. */
import type { Store } from './types.js';

export interface OpenedStore {
  /** An empty store. */
  store: Store;
  /** Opens the same data again after `store` was closed; absent when the data does not outlive the store. */
  reopen?: () => Promise<Store>;
  /** Closes `store` (closing twice must be harmless) and removes whatever `open` created. */
  cleanup: () => Promise<void>;
}

export type StoreOpener = () => Promise<OpenedStore>;

export async function withStore(open: StoreOpener, body: (opened: OpenedStore) => Promise<void>): Promise<void> {
  const opened = await open();
  try {
    await body(opened);
  } finally {
    await opened.cleanup();
  }
}
