import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApiClient } from './lib/trpc';

const { client, session } = createApiClient();
// Silent sign-in: the HttpOnly refresh cookie (if any) becomes an access token before the first screen decides where to
// go. A signed-out visitor (no session hint cookie) is told so at once, with no request.
void session.refresh();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App client={client} session={session} />
  </StrictMode>,
);
