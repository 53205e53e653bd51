'use client';
import type { ChatSSOStore } from '@chat-sso/core';
import { createContext } from 'react';

/** The store of the nearest `<ChatSSOProvider>`; `null` outside one. */
export const ChatSSOContext = createContext<ChatSSOStore | null>(null);
