import assert from 'node:assert/strict';
import { activatedApi } from './extensionApi.js';

describe('chat view', () => {
  it('resolves and its script round-trips a message', async () => {
    const api = await activatedApi();
    const id = 4242;
    const echoed = await Promise.race([
      api.pingChatView(id),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no reply from the chat view in 60 s')), 60_000)),
    ]);
    assert.equal(echoed, id);
  });
});
