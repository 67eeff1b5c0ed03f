import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/api/search-query.js';
import { splitWords, stem, terms } from '../../src/api/words.js';

describe('words', () => {
  it.each([
    ['agentPolicyId', ['agent', 'policy', 'id']],
    ['PostActionsConnectorId', ['post', 'actions', 'connector', 'id']],
    ['get-fleet-agents', ['get', 'fleet', 'agents']],
    ['_bulk_update_agent_tags', ['bulk', 'update', 'agent', 'tags']],
    ['Get a paginated list of SLOs', ['get', 'paginated', 'list', 'of', 'slos']],
    ["Get Kibana's current status", ['get', 'kibana', 'current', 'status']],
  ])('splits %s', (text, words) => {
    expect(splitWords(text)).toEqual(words);
  });

  it.each([
    ['policies', 'policy'],
    ['processes', 'process'],
    ['procs', 'process'],
    ['statuses', 'status'],
    ['status', 'status'],
    ['running', 'run'],
    ['enrolled', 'enroll'],
    ['indices', 'index'],
    ['encryption', 'encrypt'],
  ])('stems %s like %s', (word, expected) => {
    expect(stem(word)).toBe(stem(expected));
  });

  it('brings inflections of one word together and leaves different words apart', () => {
    for (const [a, b] of [
      ['snooze', 'snoozed'],
      ['snooze', 'snoozing'],
      ['rule', 'rules'],
      ['create', 'created'],
      ['case', 'cases'],
      ['configuration', 'configure'],
    ]) {
      expect(stem(a!)).toBe(stem(b!));
    }
    expect(stem('rule')).not.toBe(stem('role'));
    expect(stem('mute')).not.toBe(stem('unmute'));
  });

  it('stems words that name JavaScript built-ins like any other word', () => {
    expect(stem('constructor')).toBe('constructor');
    expect(parseQuery('constructor').intents.size).toBe(0);
  });

  it('leaves stop words out of terms', () => {
    expect(terms('Delete a snooze schedule for a rule')).toEqual(['delet', 'snooz', 'schedul', 'rul']);
  });
});

describe('queries', () => {
  it('one group per word, with synonyms of our own and compounds of neighbours', () => {
    const { groups } = parseQuery('silence source maps');
    expect(groups.map((group) => group.word)).toEqual(['silence', 'source', 'maps']);
    expect(groups[0]!.alternatives.map((alternative) => alternative.term)).toEqual(expect.arrayContaining(['snooz', 'mut']));
    expect(groups[1]!.alternatives.map((alternative) => alternative.term)).toContain('sourcemap');
  });

  it('rewrites phrases of everyday Kibana wording into the API words', () => {
    expect(parseQuery('list index patterns').groups.map((group) => group.word)).toEqual(['list', 'data', 'view']);
  });

  it('drops a synonym that another word of the query already says', () => {
    const agent = parseQuery('fleet agents').groups[1]!;
    expect(agent.alternatives.map((alternative) => alternative.term)).not.toContain('fleet');
  });

  it('reads what the wording asks for', () => {
    expect([...parseQuery('delete a role').intents]).toEqual(expect.arrayContaining(['delete', 'one']));
    expect(parseQuery('offline fleet agents').impliedList).toBe(true);
    expect(parseQuery('create agent policies').impliedList).toBe(false);
    expect([...parseQuery('upgrade all agents').intents]).toContain('bulk');
    expect(parseQuery('offline agents').groups.map((group) => group.word)).toEqual(['agents']);
  });
});
