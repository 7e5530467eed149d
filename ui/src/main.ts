// The startup log's first page-side moment (see startupMarks in lib/app.svelte.ts).
performance.mark('recap:script');
import { mount } from 'svelte';
import './styles/app.css';
import './styles/editor.css';
import App from './App.svelte';

// Before the first frame: Linux gets its own font order (see app.css).
if (/\b(Linux|X11|CrOS)\b/.test(navigator.userAgent) && !/Android/.test(navigator.userAgent)) {
  document.documentElement.dataset.os = 'linux';
}

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
