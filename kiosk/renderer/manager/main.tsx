import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../shared/src/client/base.css';
import '../desk/desk.css';
import './manager.css';
import { ManagerApp } from './ManagerApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ManagerApp />
  </StrictMode>,
);
