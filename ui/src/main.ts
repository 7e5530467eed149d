import { mount } from 'svelte';
import './styles/app.css';
import './styles/editor.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
