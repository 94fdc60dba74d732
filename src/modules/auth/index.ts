export { login, logout, authenticateSession, authenticateToken, presentUser } from './auth.service';
export type { Authenticated, AuthDeps, PublicUser, LoginResult } from './auth.service';
export { listUsers, createUser, updateUser, resetPassword, issueApiToken, findUserIdByUsername } from './users.service';
export type { AdminUserView, NewUser, UserChanges } from './users.service';
export { ensureDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
export { AUTH_POLICY } from './auth.policy';
export { authorize, holds, definePermissions, type Permission } from './policy';
export { ROLES, AREAS, areasOf, isRole, type Role, type Area } from './roles';
