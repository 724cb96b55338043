// BuildKit's progress arrives as `{"id":"moby.buildkit.trace","aux":"<base64>"}` lines whose payload is a
// protobuf `moby.buildkit.v1.StatusResponse`. We need four small messages of it, so a minimal reader of the
// protobuf wire format (varints and length-delimited fields) is written here rather than pulling in protobufjs
// and BuildKit's .proto files for the whole control API.

export interface TraceVertex {
  digest: string;
  name: string;
  cached: boolean;
  started: boolean;
  completed: boolean;
  error?: string;
}
export interface TraceLog {
  vertex: string;
  stream: number;
  msg: Buffer;
}
export interface TraceStatus {
  vertex: string;
  id: string;
  current: number;
  total: number;
}
export interface TraceResponse {
  vertexes: TraceVertex[];
  statuses: TraceStatus[];
  logs: TraceLog[];
}

type Field = { no: number; wire: number; int?: number; bytes?: Buffer };

function* fields(buf: Buffer): Generator<Field> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('truncated protobuf varint');
      result += (b & 0x7f) * mul;
      if (!(b & 0x80)) return result;
      mul *= 128;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) yield { no, wire, int: varint() };
    else if (wire === 2) {
      const len = varint();
      yield { no, wire, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

function vertex(buf: Buffer): TraceVertex {
  const v: TraceVertex = { digest: '', name: '', cached: false, started: false, completed: false };
  for (const f of fields(buf)) {
    if (f.no === 1 && f.bytes) v.digest = f.bytes.toString('utf8');
    else if (f.no === 3 && f.bytes) v.name = f.bytes.toString('utf8');
    else if (f.no === 4) v.cached = !!f.int;
    else if (f.no === 5) v.started = true;
    else if (f.no === 6) v.completed = true;
    else if (f.no === 7 && f.bytes) v.error = f.bytes.toString('utf8');
  }
  return v;
}

function status(buf: Buffer): TraceStatus {
  const s: TraceStatus = { vertex: '', id: '', current: 0, total: 0 };
  for (const f of fields(buf)) {
    if (f.no === 1 && f.bytes) s.id = f.bytes.toString('utf8');
    else if (f.no === 2 && f.bytes) s.vertex = f.bytes.toString('utf8');
    else if (f.no === 4) s.current = f.int ?? 0;
    else if (f.no === 5) s.total = f.int ?? 0;
  }
  return s;
}

function log(buf: Buffer): TraceLog {
  const l: TraceLog = { vertex: '', stream: 1, msg: Buffer.alloc(0) };
  for (const f of fields(buf)) {
    if (f.no === 1 && f.bytes) l.vertex = f.bytes.toString('utf8');
    else if (f.no === 3) l.stream = f.int ?? 1;
    else if (f.no === 4 && f.bytes) l.msg = f.bytes;
  }
  return l;
}

/** Decodes one trace payload (the base64 `aux` string). */
export function decodeTrace(base64: string): TraceResponse {
  const out: TraceResponse = { vertexes: [], statuses: [], logs: [] };
  for (const f of fields(Buffer.from(base64, 'base64'))) {
    if (!f.bytes) continue;
    if (f.no === 1) out.vertexes.push(vertex(f.bytes));
    else if (f.no === 2) out.statuses.push(status(f.bytes));
    else if (f.no === 3) out.logs.push(log(f.bytes));
  }
  return out;
}
