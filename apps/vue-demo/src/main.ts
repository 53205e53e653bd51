import '@chat-sso/demo-shared/demo.css';
import { chatSSOOptions, readPageOptions } from '@chat-sso/demo-shared';
import { createChatSSOPlugin } from '@chat-sso/vue';
import { createApp } from 'vue';
import DemoPage from './DemoPage.vue';

// The page's vendor comes from its URL; the plugin owns one chat-sso store for it.
const page = readPageOptions(window.location.search);

createApp(DemoPage, { page })
  .use(createChatSSOPlugin(chatSSOOptions(page)))
  .mount('#app');
