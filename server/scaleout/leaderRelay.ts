/**
 * What the following process (the leader) does for the fan-outs beyond the adapter's broadcasts:
 * mirrors its hello to them, and counts the phones they hold into the audience count.
 */
import type { AudienceNamespace } from '../http/namespaces.js';
import type { Hello } from '../protocol/index.js';
import { AudienceShares, SHARE_REFRESH_MS } from './audienceShares.js';
import { MirrorPublisher } from './helloMirror.js';

export class LeaderRelay {
  private readonly mirror: MirrorPublisher;
  private readonly shares = new AudienceShares();
  private readonly expiry: NodeJS.Timeout;

  constructor(audience: AudienceNamespace, hello: () => Hello, onAudienceChange: () => void) {
    this.mirror = new MirrorPublisher(audience, hello);
    audience.on('audienceShare', (share) => {
      if (this.shares.receive(share)) onAudienceChange();
    });
    this.expiry = setInterval(() => {
      if (this.shares.expire()) onAudienceChange();
    }, SHARE_REFRESH_MS);
    this.expiry.unref();
  }

  /** Something in the hello changed (urgent: not a mere position tick). */
  changed(urgent: boolean): void {
    this.mirror.changed(urgent);
  }

  /** Phones connected to the fan-out processes. */
  audienceElsewhere(): number {
    return this.shares.total();
  }

  close(): void {
    this.mirror.close();
    clearInterval(this.expiry);
  }
}
