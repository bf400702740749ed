import type { Socket } from 'socket.io';
import { describe, expect, it, vi } from 'vitest';
import { createFramePipe } from './flowControl.js';

/** The two engine fields the pipe reads, standing for a connection that takes packets or not. */
function connection() {
  const conn = { writeBuffer: [] as unknown[], transport: { writable: true } };
  return { socket: { conn } as unknown as Socket, conn };
}

describe('createFramePipe', () => {
  it('sends at once while the connection keeps up, then queues; a run of droppable frames waits as its latest only', () => {
    vi.useFakeTimers();
    try {
      const { socket, conn } = connection();
      const sent: string[] = [];
      const t = 0;
      const pipe = createFramePipe<string>(socket, (f) => sent.push(f), { droppable: (f) => f.startsWith('p'), highWater: 2, now: () => t });
      pipe.push('state');
      expect(sent).toEqual(['state']);
      conn.writeBuffer.length = 2; // the engine is backed up
      for (const f of ['p1', 'p2', 'enrich', 'p3', 'p4', 'p5', 'end']) pipe.push(f);
      expect(pipe.stats).toMatchObject({ sent: 1, dropped: 3, queued: 4 });
      conn.writeBuffer.length = 0;
      vi.advanceTimersByTime(10);
      expect(sent).toEqual(['state', 'p2', 'enrich', 'p5', 'end']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends at most maxFramesPerSec, the rest when the budget refills', () => {
    vi.useFakeTimers();
    try {
      const { socket } = connection();
      const sent: string[] = [];
      let t = 0;
      const pipe = createFramePipe<string>(socket, (f) => sent.push(f), { droppable: () => false, maxFramesPerSec: 3, now: () => t });
      for (let i = 0; i < 6; i++) pipe.push(`e${i}`);
      expect(sent).toEqual(['e0', 'e1', 'e2']);
      t += 1000;
      vi.advanceTimersByTime(1000);
      expect(sent).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
      pipe.close();
      pipe.push('late');
      expect(sent).toHaveLength(6);
    } finally {
      vi.useRealTimers();
    }
  });
});
