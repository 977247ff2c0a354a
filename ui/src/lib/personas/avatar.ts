// Fills of the generated avatars: white initials on each is at least 4.5:1 (tested).
import type { AvatarColour } from '../backend/types';

export const AVATAR_FILL: Record<AvatarColour, string> = {
  teal: '#0f6b5c',
  indigo: '#3f4aa8',
  amber: '#8a5a00',
  rose: '#a8324e',
  green: '#2f6b2f',
  violet: '#6b3fa0',
  slate: '#4a5866',
  orange: '#a34a0e',
};

export const avatarFill = (colour: string): string => (AVATAR_FILL as Record<string, string>)[colour] ?? AVATAR_FILL.slate;
