import { describe, expect, it } from 'vitest';
import { isAuthenticated, isLoading } from '../status-flags';
import type { ChatSSOStatus } from '../types';

const statuses: ChatSSOStatus[] = [
  'idle',
  'signing_in',
  'signed_in',
  'signing_out',
  'signed_out',
  'error',
];

describe('the flags the framework adapters derive from a status', () => {
  it('isAuthenticated holds only while the widget is signed in', () => {
    expect(statuses.filter(isAuthenticated)).toEqual(['signed_in']);
  });

  it('isLoading holds only while a login or logout is under way', () => {
    expect(statuses.filter(isLoading)).toEqual(['signing_in', 'signing_out']);
  });
});
