import { describe, expect, it } from 'vitest';
import { closingSelection } from './closing-status.js';

const all = ['wsl.features', 'wsl.core', 'wsl.config', 'wsl.distro', 'distro.wslconf', 'network.fixedIp'];
const scoop = ['scoop.core', 'scoop.config', 'scoop.bucket', 'scoop.app', 'hosts.entry'];

describe('the closing status of a restore', () => {
  it('checks nothing when only the manifest was saved (a backup made with --only config, no .wslconfig)', () => {
    expect(closingSelection([], [...all, ...scoop])).toEqual([]);
  });

  it('checks .wslconfig alone for a config backup that had one', () => {
    expect(closingSelection(['wslconfig'], [...all, ...scoop])).toEqual(['wsl.config']);
  });

  it('checks the distro and its wsl.conf, never the WSL features, fixed IP or hosts a restore does not touch', () => {
    expect(closingSelection(['distro'], [...all, ...scoop])).toEqual(['wsl.distro', 'distro.wslconf']);
  });

  it('checks every Scoop resource the manifest declares, and nothing it does not declare', () => {
    expect(closingSelection(['scoop', 'wslconfig'], ['scoop.core', 'scoop.app'])).toEqual(['scoop.core', 'scoop.app']);
    expect(closingSelection(['scoop'], all)).toEqual([]);
    expect(closingSelection(['scoop', 'hosts'], scoop)).toEqual([...scoop.slice(0, 4), 'hosts.entry']);
  });
});
