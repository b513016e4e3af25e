import Foundation
import Hummingbird
import Logging
import NIOCore

/// One structured line per request on stderr: listener, method, path, Action, status,
/// milliseconds. Never bodies, tokens or OTPs (OTPs are logged only by the outbox, docs/sandbox.md).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let logger: Logger
    let listener: SandboxListener

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let ms = (ContinuousClock.now - start).components.attoseconds / 1_000_000_000_000_000
            + (ContinuousClock.now - start).components.seconds * 1000
        var meta: Logger.Metadata = ["service": "\(listener.rawValue)", "method": "\(request.method)", "path": "\(request.uri.path)",
                                     "status": "\(response.status.code)", "ms": "\(ms)"]
        if let action = request.uri.queryParameters["Action"] { meta["action"] = "\(String(action.prefix(40)))" }
        logger.info("request", metadata: meta)
        return response
    }
}

/// Applies a fault (header `X-Sandbox-Fault` or the start options) to `/api/…` requests:
/// transport-shaped faults here, data-shaped ones by the handler via ``SandboxContext/fault``.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    static let header = "x-sandbox-fault"
    let dice: FaultDice

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        let fault: Fault?
        if let spec = request.headers.first(where: { $0.name.canonicalName == Self.header })?.value {
            guard let parsed = Fault(spec: spec) else {
                return Sandbox.json(Data(#"{"result":null,"MessageCode":400,"Message":"unknown X-Sandbox-Fault"}"#.utf8), status: .badRequest)
            }
            fault = parsed
        } else {
            fault = dice.roll()
        }
        guard let fault else { return try await next(request, context) }
        switch fault.kind {
        case .latency(let ms):
            try await Task.sleep(for: .milliseconds(ms))
            return try await next(request, context)
        case .status(let code):
            let body = #"{"result":null,"MessageCode":\#(code),"Message":"injected fault: status \#(code)"}"#
            return Sandbox.json(Data(body.utf8), status: .init(code: code))
        case .envelope(let code):
            let body = #"{"result":null,"MessageCode":\#(code),"Message":"injected fault: MessageCode \#(code)"}"#
            return Sandbox.json(Data(body.utf8))
        case .rateLimit(let retryAfter):
            let body = #"{"result":null,"MessageCode":429,"Message":"too many requests"}"#
            return Sandbox.json(Data(body.utf8), status: .tooManyRequests, headers: [.retryAfter: retryAfter])
        case .reset:
            try? await context.channel.close()
            throw HTTPError(.internalServerError)
        case .truncate, .wrongTypes, .oversized, .hostile, .otherCitizen:
            var context = context
            context.fault = fault.kind
            return try await next(request, context)
        }
    }
}
