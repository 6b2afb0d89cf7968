import { describe, expect, it, vi, afterEach } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

import { ApiError, base64ToBytes, bytesToBase64, call, detectTransport, toApiError } from './api';

afterEach(() => invoke.mockReset());

/** The error a call rejects with; a call that succeeds fails the test. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  return p.then(
    () => { throw new Error('the call should have failed'); },
    (x: ApiError) => x,
  );
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('transport switch', () => {
  it('uses Tauri only when __TAURI_INTERNALS__ exists', () => {
    expect(detectTransport({ __TAURI_INTERNALS__: {} }), 'the Tauri runtime marks its windows with __TAURI_INTERNALS__').toBe('tauri');
    expect(detectTransport({}), 'a plain browser has no Tauri internals and must use HTTP').toBe('http');
  });

  it('sends the request as {request} over IPC', async () => {
    invoke.mockResolvedValue([{ id: 1 }]);
    const out = await call('meetings_list', { a: 1 }, { win: { __TAURI_INTERNALS__: {} } });
    expect(invoke, 'each Tauri command takes one argument named request').toHaveBeenCalledWith('meetings_list', { request: { a: 1 } });
    expect(out).toEqual([{ id: 1 }]);
  });

  it('POSTs JSON to /api/<command> in a browser', async () => {
    const fetchImpl = vi.fn().mockResolvedValue(jsonResponse(200, { name: 'X' }));
    const out = await call('council_get', {}, { win: {}, fetchImpl });
    expect(fetchImpl.mock.calls[0][0], 'the HTTP bridge path is /api/<command>').toBe('/api/council_get');
    expect(fetchImpl.mock.calls[0][1].method).toBe('POST');
    expect(JSON.parse(fetchImpl.mock.calls[0][1].body)).toEqual({});
    expect(out).toEqual({ name: 'X' });
    expect(invoke, 'the browser path must never touch IPC').not.toHaveBeenCalled();
  });
});

describe('errors', () => {
  it('turns an HTTP error body into an ApiError with its field', async () => {
    const fetchImpl = vi.fn().mockResolvedValue(jsonResponse(400, { code: 'invalid', message: 'Enter a title.', field: 'title' }));
    const e = await failure(call('report_save', {}, { win: {}, fetchImpl }));
    expect(e, 'screens rely on one error type').toBeInstanceOf(ApiError);
    expect([e.code, e.message, e.field]).toEqual(['invalid', 'Enter a title.', 'title']);
  });

  it('turns an IPC rejection into an ApiError', async () => {
    invoke.mockRejectedValue({ code: 'bad_attachment', message: 'The file is encrypted.' });
    const e = await failure(call('appendix_attach_pdf', {}, { win: { __TAURI_INTERNALS__: {} } }));
    expect([e.code, e.message, e.field]).toEqual(['bad_attachment', 'The file is encrypted.', null]);
  });

  it('explains an unreachable service and a body that is not JSON', async () => {
    const down = vi.fn().mockRejectedValue(new TypeError('fetch failed'));
    const e1 = await failure(call('x', {}, { win: {}, fetchImpl: down }));
    expect(e1.code, 'network failures are reported as transport errors').toBe('transport');
    const html = vi.fn().mockResolvedValue(new Response('<h1>oops</h1>', { status: 502 }));
    const e2 = await failure(call('x', {}, { win: {}, fetchImpl: html }));
    expect(e2.message, 'the status is named when the body explains nothing').toContain('502');
  });

  it('keeps strings and unknown values describable', () => {
    expect(toApiError('plain text').message).toBe('plain text');
    expect(toApiError(42).code).toBe('internal');
  });
});

describe('base64', () => {
  it('round-trips bytes, including large arrays', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes)), 'PDF attachments are sent base64 and must survive intact').toEqual(bytes);
    expect(bytesToBase64(new TextEncoder().encode('%PDF'))).toBe('JVBERg==');
  });
});
