// Short URLs: global (not space-aware), found by id or by slug.

import { randomBytes } from 'node:crypto';
import { conflict, notFound } from '../http/errors.js';
import { emptyOk } from '../http/reply.js';
import type { Route } from '../http/route.js';
import type { ShortUrl } from '../state/entities/short-urls.js';
import type { SandboxState } from '../state/index.js';
import { newId } from '../state/space-store.js';

const HUMAN_WORDS = ['amber', 'brisk', 'cedar', 'delta', 'ember', 'fjord', 'gale', 'harbor', 'iris', 'juniper'];

function generatedSlug(humanReadable: boolean): string {
  if (!humanReadable) return randomBytes(6).toString('base64url').toLowerCase();
  const bytes = randomBytes(3);
  return [...bytes].map((byte) => HUMAN_WORDS[byte % HUMAN_WORDS.length]).join('-');
}

function requireShortUrl(state: SandboxState, id: string): ShortUrl {
  const shortUrl = state.shortUrls.get(id);
  if (!shortUrl) throw notFound(`Short URL with ID [${id}] not found.`);
  return shortUrl;
}

export const shortUrlRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/short_url',
    handler: ({ state, body }) => {
      const request = body as { locatorId: string; params: unknown; slug?: string; humanReadableSlug?: boolean };
      const slug = request.slug ?? generatedSlug(request.humanReadableSlug === true);
      if ([...state.shortUrls.values()].some((shortUrl) => shortUrl.slug === slug)) {
        throw conflict(`Slug "${slug}" already exists.`);
      }
      const created: ShortUrl = {
        id: newId(),
        slug,
        locator: { id: request.locatorId, version: state.version, state: request.params },
        accessCount: 0,
        accessDate: Date.now(),
        createDate: Date.now(),
      };
      state.shortUrls.set(created.id, created);
      return created;
    },
  },
  {
    method: 'GET',
    path: '/api/short_url/{id}',
    handler: ({ state, params }) => requireShortUrl(state, params.id!),
  },
  {
    method: 'GET',
    path: '/api/short_url/_slug/{slug}',
    handler: ({ state, params }) => {
      const shortUrl = [...state.shortUrls.values()].find((candidate) => candidate.slug === params.slug);
      if (!shortUrl) throw notFound(`Short URL with slug [${params.slug}] not found.`);
      return shortUrl;
    },
  },
  {
    method: 'DELETE',
    path: '/api/short_url/{id}',
    handler: ({ state, params }) => {
      state.shortUrls.delete(requireShortUrl(state, params.id!).id);
      return emptyOk();
    },
  },
];
