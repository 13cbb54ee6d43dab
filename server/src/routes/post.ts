/**
 * What a post starts with, a comment or a message alike: its moment, the visitor's network
 * address as a salted hash (never the address), and the limits it is checked against (see
 * limits.ts). Each route then adds its own fields, checks and rows.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Store } from '../db/index.ts';
import { addressKey } from '../spam.ts';
import type { PostLimits } from './limits.ts';

export interface Post {
  at: Date;
  addrHash: string;
  limits: PostLimits;
}

export function startPost(req: FastifyRequest, store: Store, config: Config, kind: 'comment' | 'message', at: Date): Post {
  const { site } = req;
  const addrHash = store.hash(`${site.id}\n${addressKey(req.ip)}`);
  const comment = kind == 'comment';
  return {
    at,
    addrHash,
    limits: {
      table: comment ? 'comments' : 'messages',
      kind,
      site: site.id,
      addrHash,
      perAddress: comment ? config.spam.perAddress.comments : config.spam.perAddress.messages,
      windowMinutes: config.spam.perAddress.windowMinutes,
      dailyCap: comment ? site.dailyComments : site.dailyMessages,
      now: at,
    },
  };
}
