import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/src/client/base.css';
import './group.css';
import { GroupApp } from './GroupApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GroupApp />
  </StrictMode>,
);
