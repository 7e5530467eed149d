// The Api inside the desktop app: every operation goes through the shell's one command,
// `api(op, args)`, which hands it to the engine off the window's thread.
import { invoke } from '@tauri-apps/api/core';
import { bindApi, type Api } from './contract';
import { transportError } from './types';

export function createTauriApi(): Api {
  return bindApi(async (op, args) => {
    try {
      return await invoke('api', { op, args });
    } catch (e) {
      throw transportError(e);
    }
  });
}
