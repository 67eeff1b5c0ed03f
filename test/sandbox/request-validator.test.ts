// Which spec facts validate a request on each Kibana version, and how a form's text fields are decoded.

import { describe, expect, it } from 'vitest';
import { FormFields } from '../../src/sandbox/http/body.js';
import { requestValidator } from '../../src/sandbox/validation/request-validator.js';

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('the facts of a version', () => {
  it('finds an operation the 9.x spec writes with a /s/{spaceId} prefix', () => {
    const createView = requestValidator('9.3.0').forOperation('POST', '/api/data_views/data_view');
    expect(createView).toBeDefined();
    expect(messageOf(() => createView!.body({}))).toBe('[request body.data_view]: expected value of type [object] but got [undefined]');
  });

  it('takes an operation the 9.x spec lacks from the 8.x facts while it holds (the 8.x dashboards API until 9.4)', () => {
    expect(requestValidator('9.3.0').forOperation('GET', '/api/dashboards/dashboard')).toBeDefined();
    expect(requestValidator('9.4.0').forOperation('GET', '/api/dashboards/dashboard')).toBeUndefined();
  });

  it('reads no 9.x facts for an 8.x version', () => {
    expect(requestValidator('8.18.2').forOperation('GET', '/api/maintenance_window/_find')).toBeUndefined();
    expect(requestValidator('9.3.0').forOperation('GET', '/api/maintenance_window/_find')).toBeDefined();
  });
});

describe('a multipart form', () => {
  const importForm = requestValidator('9.3.0').forOperation('POST', '/api/saved_objects/_import')!;
  const retryForm = requestValidator('9.3.0').forOperation('POST', '/api/saved_objects/_resolve_import_errors')!;
  const sourceMapForm = requestValidator('9.3.0').forOperation('POST', '/api/apm/sourcemaps')!;

  it('keeps a file part as text, though the spec types a streamed file as an object', () => {
    const line = '{"type":"index-pattern","id":"x","attributes":{"title":"x"},"references":[]}';
    expect(importForm.body(new FormFields({ file: line }))).toEqual({ file: line });
  });

  it('decodes the JSON of a field whose schema takes no text, and keeps text that looks like a number', () => {
    expect(retryForm.body(new FormFields({ file: '', retries: '[{"type":"lens","id":"a","overwrite":true}]' }))).toEqual({
      file: '',
      retries: [{ type: 'lens', id: 'a', overwrite: true }],
    });
    const form = { service_name: 'web', service_version: '2', bundle_filepath: '/main.js', sourcemap: '{}' };
    expect(sourceMapForm.body(new FormFields(form))).toEqual(form);
  });

  it('names a field the form lacks', () => {
    expect(messageOf(() => importForm.body(new FormFields({ files: 'x' })))).toBe(
      '[request body.file]: expected value of type [string] but got [undefined]',
    );
  });
});
