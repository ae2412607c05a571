import type { AppContext } from '../context';

/**
 * Fills the context's reactions at start: which features write in the transaction of another
 * feature's facts. The one place where those features meet, so none imports another to react.
 */
export async function installReactions(_ctx: AppContext): Promise<void> {}
