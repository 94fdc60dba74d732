import { z } from 'zod';
import { AREAS, ROLES } from './roles';

const RoleSchema = z.enum(ROLES);

export const UserSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  fieldOffice: z.string().nullable(),
  permissions: z.array(z.enum(AREAS)),
});

export const AdminUserSchema = UserSchema.extend({
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  isServiceAccount: z.boolean(),
});

export const LoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const SessionResponse = z.object({ user: UserSchema, csrfToken: z.string() });

export const UsernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/i, 'use 2–63 letters, digits, dot, dash or underscore');

export const CreateUserBody = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(120),
  roles: z.array(RoleSchema).min(1, 'give the user at least one role'),
  password: z.string().min(1).max(256),
  fieldOffice: z.string().trim().max(32).nullable().optional(),
  isServiceAccount: z.boolean().optional(),
});

export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    roles: z.array(RoleSchema).min(1).optional(),
    fieldOffice: z.string().trim().max(32).nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');

export const PasswordBody = z.object({ password: z.string().min(1).max(256) });
export const UserIdParams = z.object({ id: z.string().uuid() });
export const IssueTokenBody = z.object({ name: z.string().trim().min(1).max(80), expiresAt: z.string().datetime().nullable().optional() });
