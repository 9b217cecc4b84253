// Input rules for account fields, shared by the forms and the server.
import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "An email address can be at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@university.edu."));

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters for your password.")
  .max(200, "A password can be at most 200 characters.");

export const nameSchema = z.string().trim().min(1, "Enter your name.").max(100, "A name can be at most 100 characters.");

export const joinCodeSchema = z.string().trim().min(1, "Enter the course's join code.").max(64, "That join code is too long.");

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

export const signUpSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema, joinCode: joinCodeSchema });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().max(200),
  newPassword: passwordSchema,
});
