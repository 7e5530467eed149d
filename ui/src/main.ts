// The startup log's first page-side moment (see startupMarks in lib/app.svelte.ts).
performance.mark('recap:script');
import { mount } from 'svelte';
import './styles/app.css';
import './styles/editor.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
