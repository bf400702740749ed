/**
 * socket.io's heartbeat, tightened for a hall. With the defaults (25 s interval, 20 s timeout) a
 * phone whose Wi-Fi dropped kept showing a frozen bar for ~45 s. Pinging every 2 s lets the client
 * notice silence within a few seconds (client/src/connection.ts waits 3.5 s) and socket.io give up
 * and reconnect after 2 + 5 s; the timeout stays generous so a briefly busy server or a phone's
 * throttled timer does not drop healthy connections. The heartbeat is per engine, so /conductor and
 * /replay share it; 2 s of pings is a few bytes per phone.
 */
export const HEARTBEAT = { pingInterval: 2000, pingTimeout: 5000 } as const;
