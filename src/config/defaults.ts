import type { PlanConfig, ScopeDefinitionConfig } from './schema.ts';

/**
 * The vocabulary a server starts with when its config names none: `read:` and `write:` over a few generic
 * resources, each write implying its read. A platform replaces it with its own (`examples/configs/` has one per
 * kind of platform); see docs/guides/scopes-and-plans.md.
 */
export const defaultScopes: ScopeDefinitionConfig[] = [
  { name: 'read:account', description: "Read the account's profile and settings", implies: [] },
  {
    name: 'write:account',
    description: "Change the account's profile and settings",
    implies: ['read:account'],
  },
  { name: 'read:users', description: 'Read users', implies: [] },
  { name: 'write:users', description: 'Invite, change and remove users', implies: ['read:users'] },
  { name: 'read:projects', description: 'Read projects', implies: [] },
  { name: 'write:projects', description: 'Create, change and delete projects', implies: ['read:projects'] },
  { name: 'read:records', description: 'Read records', implies: [] },
  { name: 'write:records', description: 'Create, change and delete records', implies: ['read:records'] },
  { name: 'read:files', description: 'Read and download files', implies: [] },
  { name: 'write:files', description: 'Upload, change and delete files', implies: ['read:files'] },
  { name: 'read:reports', description: 'Read reports and analytics', implies: [] },
  { name: 'read:events', description: 'Read the event log', implies: [] },
  { name: 'read:*', description: 'Read every resource', implies: [] },
  { name: 'write:*', description: 'Create, change and delete every resource', implies: ['read:*'] },
];

export const defaultPlans: PlanConfig[] = [
  {
    id: 'free',
    name: 'Free',
    description: 'Read access to projects, records and files',
    scopes: ['read:account', 'read:projects', 'read:records', 'read:files'],
    requestsPerMinute: 60,
    maxActiveKeys: 5,
    requestRetentionDays: 30,
    features: [],
  },
  {
    id: 'pro',
    name: 'Pro',
    description: 'Every read, and writes to projects, records and files',
    scopes: ['read:*', 'write:projects', 'write:records', 'write:files'],
    requestsPerMinute: 600,
    maxActiveKeys: 25,
    requestRetentionDays: 90,
    features: [],
  },
  {
    id: 'scale',
    name: 'Scale',
    description: 'Everything in the vocabulary, higher limits',
    scopes: ['*'],
    requestsPerMinute: 6000,
    maxActiveKeys: 100,
    requestRetentionDays: 365,
    features: [],
  },
];
