// TestBed under plain vitest: JIT-compile the test components, no zone.js.
import '@angular/compiler';
import { TestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';
import { afterEach } from 'vitest';

TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting());

// Angular only registers its own teardown when test globals are enabled.
afterEach(() => TestBed.resetTestingModule());
