import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { PublicOnly, RequireAdmin, RequireAuth } from './auth/guards';
import { FullPageSpinner } from './components/FullPageSpinner';

// Every screen is its own chunk: the sign-in route loads only what signing in needs.
const SignInPage = lazy(() => import('./pages/auth/SignInPage'));
const SignUpPage = lazy(() => import('./pages/auth/SignUpPage'));
const ForgotPasswordPage = lazy(() => import('./pages/auth/ForgotPasswordPage'));
const SetPasswordPage = lazy(() => import('./pages/auth/SetPasswordPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const UserDetailPage = lazy(() => import('./pages/admin/UserDetailPage'));
const RunsPage = lazy(() => import('./pages/bom/RunsPage'));
const NewRunPage = lazy(() => import('./pages/bom/NewRunPage'));
const RunPage = lazy(() => import('./pages/bom/RunPage'));
const FilesPage = lazy(() => import('./pages/bom/FilesPage'));
const ComparePage = lazy(() => import('./pages/bom/ComparePage'));
const WhereUsedPage = lazy(() => import('./pages/bom/WhereUsedPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

function Screen({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpinner />}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicOnly />}>
        <Route
          path="/sign-in"
          element={
            <Screen>
              <SignInPage />
            </Screen>
          }
        />
        <Route
          path="/sign-up"
          element={
            <Screen>
              <SignUpPage />
            </Screen>
          }
        />
        <Route
          path="/set-password"
          element={
            <Screen>
              <SetPasswordPage />
            </Screen>
          }
        />
        <Route
          path="/forgot-password"
          element={
            <Screen>
              <ForgotPasswordPage />
            </Screen>
          }
        />
      </Route>
      <Route
        element={
          <RequireAuth>
            <Screen>
              <AppLayout />
            </Screen>
          </RequireAuth>
        }
      >
        <Route
          index
          element={
            <Screen>
              <HomePage />
            </Screen>
          }
        />
        <Route
          path="/bom/runs"
          element={
            <Screen>
              <RunsPage />
            </Screen>
          }
        />
        <Route
          path="/bom/new"
          element={
            <Screen>
              <NewRunPage />
            </Screen>
          }
        />
        <Route
          path="/bom/runs/:runId"
          element={
            <Screen>
              <RunPage />
            </Screen>
          }
        />
        <Route
          path="/bom/files"
          element={
            <Screen>
              <FilesPage />
            </Screen>
          }
        />
        <Route
          path="/bom/compare"
          element={
            <Screen>
              <ComparePage />
            </Screen>
          }
        />
        <Route
          path="/bom/where-used"
          element={
            <Screen>
              <WhereUsedPage />
            </Screen>
          }
        />
        <Route
          path="/profile"
          element={
            <Screen>
              <ProfilePage />
            </Screen>
          }
        />
        <Route
          path="/admin/users"
          element={
            <RequireAdmin>
              <Screen>
                <UsersPage />
              </Screen>
            </RequireAdmin>
          }
        />
        <Route
          path="/admin/users/:userId"
          element={
            <RequireAdmin>
              <Screen>
                <UserDetailPage />
              </Screen>
            </RequireAdmin>
          }
        />
        <Route
          path="*"
          element={
            <Screen>
              <NotFoundPage />
            </Screen>
          }
        />
      </Route>
    </Routes>
  );
}
