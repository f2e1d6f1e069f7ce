import assert from 'node:assert/strict';
import { activatedApi } from './extensionApi.js';

describe('chat view', () => {
  it('resolves and its script round-trips a message', async () => {
    const api = await activatedApi();
    // extension → script (pingRequest) → extension (ping) → script (pong): the script's last pong
    // must carry the id this test sent, for two different ids in turn.
    for (const sent of [4242, 4343]) {
      await Promise.race([
        api.pingChatView(sent),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no reply from the chat view in 60 s')), 60_000)),
      ]);
      assert.equal((await api.inspectChatView()).lastPong, sent);
    }
  });
});
