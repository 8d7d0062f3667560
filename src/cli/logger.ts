import pino, { type DestinationStream, type Logger, type LoggerOptions, type SerializedError } from 'pino';
import type { Config } from '../config/load.ts';

/**
 * pino's error serializer minus `rawPacket`: on a parser error Node keeps the raw request bytes there,
 * credentials and all. The serialized errors are new objects, so the error itself is left as it was.
 */
function serializeError(error: Error): SerializedError {
  const serialized = pino.stdSerializers.err(error);
  // Not error-like: pino hands the value back as it is, and it is not ours to change.
  if (serialized === (error as unknown)) return serialized;
  const drop = (entry: SerializedError) => {
    delete entry.rawPacket;
    entry.aggregateErrors?.forEach(drop);
  };
  drop(serialized);
  return serialized;
}

/** The server's logger; `destination` is stdout unless given (tests read the lines from memory). */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    serializers: { err: serializeError },
    // Credentials travel in these headers; they never reach a log line.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["x-api-secret"]',
        'key',
        '*.key',
      ],
      censor: '[redacted]',
    },
  };
  return pino(options, destination);
}
