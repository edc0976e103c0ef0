import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/600.css';
import '@mantine/core/styles.css';
import './app/styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { AuthProvider } from './app/auth';
import { queryClient } from './app/query-client';
import { router } from './app/router';
import { ThemedProvider } from './app/themed-provider';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemedProvider>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </ThemedProvider>
  </StrictMode>,
);
