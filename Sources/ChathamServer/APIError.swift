import ChathamModel
import Foundation
import Hummingbird
import Logging
import NIOHTTP1

/// An error answered to a client as `{"error":{"code":…,"message":…}}` with a fitting status.
///
/// Codes are stable (DESIGN's list); messages help a client fix its request but never say which
/// cryptographic check failed.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static let unauthorized = APIError(.unauthorized, "unauthorized", "a valid member token is required (Authorization: Bearer TOKEN)")
    public static let revoked = APIError(.forbidden, "revoked", "this member has been revoked; ask the operator")
    public static let tooLarge = APIError(.contentTooLarge, "too_large", "the request body is over 64 KiB")
    public static let unknownKey = APIError(.badRequest, "unknown_key", "key_id names no current sealing key; fetch /v1/keys again")
    public static let decryptFailed = APIError(.badRequest, "decrypt_failed", "the sealed box could not be opened")
    public static let invalidCredential = APIError(.badRequest, "invalid_credential", "the credential is not valid for this report")
    public static let alreadyIssued = APIError(.conflict, "already_issued", "a credential for this epoch was issued to this member already")
    public static let rateLimited = APIError(.tooManyRequests, "rate_limited", "too many requests; retry later")
    public static let notFound = APIError(.notFound, "not_found", "no such resource")
    public static let internalError = APIError(.internalServerError, "internal", "the server failed; nothing was stored")

    public static func invalidEnvelope(_ why: String) -> APIError { APIError(.badRequest, "invalid_envelope", why) }
    public static func invalidReport(_ why: String) -> APIError { APIError(.badRequest, "invalid_report", why) }
    public static func invalidRequest(_ why: String) -> APIError { APIError(.badRequest, "invalid_request", why) }
    public static func periodClosed(_ period: String) -> APIError {
        APIError(.conflict, "period_closed", "period \(period) has been released; it takes no more reports")
    }

    /// The JSON body.
    public var body: [UInt8] {
        CanonicalJSON.encode(.object(["error": .object(["code": .string(code), "message": .string(message)])]))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }

    var response: Response {
        Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Status → a coarse label for the refusal counter (the error body's code is finer, but the label
/// set must stay small and fixed).
let refusalLabels: [Int: String] = [400: "bad_request", 401: "unauthorized", 403: "revoked", 404: "not_found",
                                    405: "method_not_allowed", 409: "conflict", 413: "too_large", 429: "rate_limited",
                                    500: "internal"]

/// Turns every error into the API's error format, so that no framework error text (which may
/// carry request details) reaches a client or a log, and unknown routes answer `not_found`.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = await answer(request, context: context, next: next)
        if response.status.code >= 400, let code = refusalLabels[response.status.code] { metrics.refused(code: code) }
        return response
    }

    func answer(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as HTTPError {
            switch error.status {
            case .contentTooLarge: return APIError.tooLarge.response
            case .notFound: return APIError.notFound.response
            case .methodNotAllowed: return APIError(.methodNotAllowed, "method_not_allowed", "method not allowed on this route").response
            case .unauthorized: return APIError.unauthorized.response
            default:
                if error.status.code < 500 {
                    return APIError(error.status, "invalid_request", "the request could not be read").response
                }
                logger.error("request failed", metadata: ["status": "\(error.status.code)"])
                return APIError.internalError.response
            }
        } catch is HTTPParserError {
            // A malformed or abandoned request body: the client's fault, not a server failure.
            return APIError.invalidRequest("the request could not be parsed").response
        } catch {
            // The error's type only: its text could carry request content.
            logger.error("request failed", metadata: ["error_type": "\(type(of: error))"])
            return APIError.internalError.response
        }
    }
}
