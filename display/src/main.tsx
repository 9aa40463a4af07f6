import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/src/client/base.css';
import './display.css';
import { DisplayApp } from './DisplayApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DisplayApp />
  </StrictMode>,
);
