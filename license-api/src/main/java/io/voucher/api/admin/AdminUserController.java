package io.voucher.api.admin;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin users (ADMIN only), and each user's own password.
 */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin: users", description = "Users of the admin console and admin API")
class AdminUserController {

	private static final Map<String, String> SORTABLE = Map.of("username", "username", "created_at", "createdAt");

	private final AdminUserService users;

	private final SecurityContextRepository contexts;

	AdminUserController(AdminUserService users, SecurityContextRepository contexts) {
		this.users = users;
		this.contexts = contexts;
	}

	@PostMapping("/users")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createAdminUser",
			summary = "Create an admin user; the initial password must be changed at first login")
	ResponseEntity<AdminUserResponse> create(@Valid @RequestBody CreateAdminUserRequest request) {
		AdminUser user = this.users.create(request.username(), request.role(), request.initialPassword());
		return ResponseEntity.created(URI.create("/api/v1/admin/users/" + user.username()))
			.body(AdminUserResponse.of(user));
	}

	@GetMapping("/users")
	@Operation(operationId = "listAdminUsers", summary = "List admin users, paged")
	PageResponse<AdminUserResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@RequestParam(required = false) @Nullable String sort) {
		return PageResponse.of(this.users.list(PageRequests.of(page, size, sort, SORTABLE, Sort.by("username"))),
				AdminUserResponse::of);
	}

	@GetMapping("/users/{username}")
	@Operation(operationId = "getAdminUser", summary = "Get an admin user")
	AdminUserResponse get(@PathVariable String username) {
		return AdminUserResponse.of(this.users.get(username));
	}

	@DeleteMapping("/users/{username}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteAdminUser", deprecated = true,
			summary = "Disable an admin user (kept for the audit trail); use POST …/disable",
			description = "The same as POST /api/v1/admin/users/{username}/disable, answered with 204.")
	@ApiResponse(responseCode = "204", description = "Disabled; the user's sessions have ended")
	@ApiResponse(responseCode = "404", description = "NOT_FOUND: no such user",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409",
			description = "OWN_ACCOUNT: the caller's own account; LAST_ENABLED_ADMIN: the last enabled ADMIN",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	void delete(@PathVariable String username, Authentication authentication) {
		this.users.disable(username, authentication.getName());
	}

	@PostMapping("/users/{username}/disable")
	@Operation(operationId = "disableAdminUser", summary = "Disable an admin user (ADMIN only)",
			description = "The user is kept (for the audit trail) but cannot sign in: a sign-in with the right "
					+ "password answers 403 USER_DISABLED, a wrong one 401 as always. Every console session of the "
					+ "user ends at once, on every node. An admin cannot disable themself, nor the last enabled "
					+ "ADMIN. Disabling a disabled user changes nothing. Recorded as user.disabled.")
	@ApiResponse(responseCode = "200", description = "The user, disabled")
	@ApiResponse(responseCode = "404", description = "NOT_FOUND: no such user",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409",
			description = "OWN_ACCOUNT: the caller's own account; LAST_ENABLED_ADMIN: the last enabled ADMIN",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	AdminUserResponse disable(@PathVariable String username, Authentication authentication) {
		this.users.disable(username, authentication.getName());
		return AdminUserResponse.of(this.users.get(username));
	}

	@PostMapping("/users/{username}/enable")
	@Operation(operationId = "enableAdminUser", summary = "Enable a disabled admin user again (ADMIN only)",
			description = "The user signs in again with the password and role they had. Enabling an enabled user "
					+ "changes nothing. Recorded as user.enabled.")
	@ApiResponse(responseCode = "200", description = "The user, enabled")
	@ApiResponse(responseCode = "404", description = "NOT_FOUND: no such user",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	AdminUserResponse enable(@PathVariable String username, Authentication authentication) {
		this.users.enable(username, authentication.getName());
		return AdminUserResponse.of(this.users.get(username));
	}

	@PutMapping("/users/{username}/role")
	@Operation(operationId = "changeAdminUserRole", summary = "Give an admin user another role (ADMIN only)",
			description = "Every console session of the user ends at once, on every node, so the next sign-in has "
					+ "the new role (HTTP Basic callers get it on their next request). An admin cannot change "
					+ "their own role, nor take the ADMIN role from the last enabled ADMIN. Admin users are not "
					+ "bound to a provider: providers' backends use API credentials. Giving the role the user has "
					+ "changes nothing. Recorded as user.role_changed, with the old and new role.")
	@ApiResponse(responseCode = "200", description = "The user with the new role")
	@ApiResponse(responseCode = "400", description = "MALFORMED_REQUEST: no such role, or an unknown field",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "NOT_FOUND: no such user",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409",
			description = "OWN_ACCOUNT: the caller's own role; LAST_ENABLED_ADMIN: the last enabled ADMIN",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	AdminUserResponse changeRole(@PathVariable String username, @Valid @RequestBody ChangeRoleRequest request,
			Authentication authentication) {
		return AdminUserResponse.of(this.users.changeRole(username, request.role(), authentication.getName()).user());
	}

	@GetMapping("/me")
	@Operation(operationId = "getCurrentAdminUser", summary = "The signed-in admin user")
	AdminUserResponse me(Authentication authentication) {
		return AdminUserResponse.of(this.users.get(authentication.getName()));
	}

	@PostMapping("/users/{username}/password")
	@Operation(operationId = "resetAdminUserPassword",
			summary = "Give another admin user a new one-time password (ADMIN only)",
			description = "The user must change it at the next sign-in (until then they may only read their "
					+ "profile, change the password and sign out); every console session of the user ends at once, "
					+ "on every node. A disabled user stays disabled. Recorded as user.password_reset. The password must meet the password rules (12 to 200 characters, not trivially "
					+ "guessable). An admin changes their own password with POST /api/v1/admin/me/password.")
	@ApiResponse(responseCode = "200", description = "The password is set; the user's sessions have ended")
	@ApiResponse(responseCode = "400", description = "WEAK_PASSWORD, or VALIDATION_FAILED (longer than 200)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "NOT_FOUND: no such user",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "CONFLICT: it is the caller's own password",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	AdminUserResponse resetPassword(@PathVariable String username, @Valid @RequestBody ResetPasswordRequest request,
			Authentication authentication) {
		return AdminUserResponse
			.of(this.users.resetPassword(username, request.newPassword(), authentication.getName()));
	}

	@PostMapping("/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "changeOwnPassword", summary = "Change the signed-in admin user's password",
			description = "Every other console session of the user ends; the session that changes it, if any, "
					+ "stays signed in. The new password must meet the password rules: 12 to 200 characters, and "
					+ "not one character or a short pattern repeated, a simple sequence, the user name, or a "
					+ "common password.")
	@ApiResponse(responseCode = "204", description = "Changed")
	@ApiResponse(responseCode = "400",
			description = "WEAK_PASSWORD, or VALIDATION_FAILED (wrong current password, longer than 200, "
					+ "unchanged)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	void changePassword(@Valid @RequestBody ChangePasswordRequest request, Authentication authentication,
			HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
		long credentialsVersion = this.users.changeOwnPassword(authentication.getName(), request.currentPassword(),
				request.newPassword());
		if (authentication.getDetails() instanceof ConsoleSession session) {
			// The session that changed the password is the one to keep.
			UsernamePasswordAuthenticationToken kept = UsernamePasswordAuthenticationToken
				.authenticated(authentication.getName(), null, authentication.getAuthorities());
			kept.setDetails(new ConsoleSession(session.signedInAt(), credentialsVersion));
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(kept);
			SecurityContextHolder.setContext(context);
			this.contexts.saveContext(context, servletRequest, servletResponse);
		}
	}

	@Schema(name = "CreateAdminUserRequest")
	record CreateAdminUserRequest(
			@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}",
					message = "must be 1-100 characters of letters, digits, '.', '_', '@' or '-'") String username,
			@NotNull AdminRole role,
			@Schema(description = "12 to 200 characters, not trivially guessable; must be changed at first login",
					maxLength = 200) @NotBlank String initialPassword) {

		@Override
		public String toString() {
			return "CreateAdminUserRequest[" + this.username + ", " + this.role + "]";
		}

	}

	@Schema(name = "ChangePasswordRequest")
	record ChangePasswordRequest(@NotBlank String currentPassword,
			@Schema(description = "12 to 200 characters, not trivially guessable",
					maxLength = 200) @NotBlank String newPassword) {

		@Override
		public String toString() {
			return "ChangePasswordRequest[******]";
		}

	}

	@Schema(name = "ChangeRoleRequest")
	record ChangeRoleRequest(@NotNull AdminRole role) {
	}

	@Schema(name = "ResetPasswordRequest")
	record ResetPasswordRequest(@Schema(
			description = "A one-time password: 12 to 200 characters, not trivially guessable; the user must change it "
					+ "at the next sign-in",
			maxLength = 200) @NotBlank String newPassword) {

		@Override
		public String toString() {
			return "ResetPasswordRequest[******]";
		}

	}

	@Schema(name = "AdminUser")
	record AdminUserResponse(String username, AdminRole role, boolean enabled, boolean mustChangePassword,
			Instant createdAt) {

		static AdminUserResponse of(AdminUser user) {
			return new AdminUserResponse(user.username(), user.role(), user.enabled(), user.mustChangePassword(),
					user.createdAt());
		}

	}

}
