import { lineIcon } from '../../app/icons';

/** Two arrows, one each way: money moved between two lines. */
export const TransfersIcon = lineIcon('M4 8h14l-4-4M20 16H6l4 4');
