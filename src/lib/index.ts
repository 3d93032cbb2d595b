export { durationSeconds, formatDuration } from './duration';
export { isLoopbackAddress, isLoopbackHost } from './loopback';
