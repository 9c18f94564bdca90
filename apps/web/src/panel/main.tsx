import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PanelApp } from './PanelApp';

// The panel is a developer tool: English only, like the procedure descriptions it shows.
const root = document.getElementById('panel');
if (!root) throw new Error('panel.html has no #panel');
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={enUS} theme={{ token: { colorPrimary: '#1f6feb' } }}>
      <AntApp>
        <PanelApp />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
