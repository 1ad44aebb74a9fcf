import { describe, expect, it } from 'vitest';
import type { ResumableRun } from '../engine/journal.js';
import { decideAfterRebootRequired, decideResume, defaultResumeCap, resumedRequest, runOptionsOf } from './resume.js';

const run = (attempt: number): ResumableRun => ({
  run: `r${attempt}`,
  origin: 'r1',
  attempt,
  manifestHash: 'h',
  completed: [],
  status: 'failed',
  options: { manifestRef: 'team.yaml', plane: 'guest', only: ['distro.*'], reboot: true },
});

describe('resume decisions', () => {
  it('resumes the last unfinished run until it was started as often as the cap allows', () => {
    expect(decideResume(undefined)).toEqual({ kind: 'nothing-to-resume' });
    expect(decideResume(run(1))).toEqual({ kind: 'resume', previous: run(1) });
    expect(decideResume(run(defaultResumeCap - 1)).kind).toBe('resume');
    expect(decideResume(run(defaultResumeCap))).toEqual({
      kind: 'cap-reached',
      attempts: defaultResumeCap,
      origin: 'r1',
    });
    expect(decideResume(run(4), 5).kind).toBe('resume');
  });

  it('a resumed run takes the manifest and options of the run it continues', () => {
    const request = { manifestRef: 'other.yaml', dryRun: false, skip: ['scoop.*'] };
    expect(resumedRequest(request, run(1).options)).toEqual({
      manifestRef: 'team.yaml',
      dryRun: false,
      skip: ['scoop.*'],
      plane: 'guest',
      only: ['distro.*'],
      reboot: true,
    });
    expect(runOptionsOf(resumedRequest(request, run(1).options))).toEqual({
      manifestRef: 'team.yaml',
      plane: 'guest',
      only: ['distro.*'],
      skip: ['scoop.*'],
      reboot: true,
    });
  });

  it('after a step that needs a restart: stops at the cap, else schedules the resume (and restarts with --reboot)', () => {
    expect(decideAfterRebootRequired(3, { canSchedule: true, reboot: true })).toBe('cap-reached');
    expect(decideAfterRebootRequired(1, { canSchedule: false, reboot: true })).toBe('ask-user');
    expect(decideAfterRebootRequired(1, { canSchedule: true, reboot: false })).toBe('schedule-resume');
    expect(decideAfterRebootRequired(2, { canSchedule: true, reboot: true })).toBe('schedule-resume-and-restart');
    expect(decideAfterRebootRequired(4, { cap: 5, canSchedule: true, reboot: false })).toBe('schedule-resume');
  });
});
