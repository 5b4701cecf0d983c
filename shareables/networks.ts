// The networks supporters can share to from the action page: every network in the registry
// (core/networks.ts), collected or not (Threads, LinkedIn and Facebook get posts but are not collected).
import { isKnownNetwork, networkById } from '../core/networks.js';

/** A network id from the registry that posts can be generated and shared for. */
export type ShareNetwork = string;

export { networkLabel, shareNetworkIds } from '../core/networks.js';

/** Whether `value` names a network supporters can share to. */
export function isShareNetwork(value: string): value is ShareNetwork {
  return isKnownNetwork(value);
}

/** Longest post `network` accepts, in that network's own unit (see post-length.ts for how each is counted). */
export function postLimitOf(network: ShareNetwork): number {
  return networkById(network).postLimit;
}
