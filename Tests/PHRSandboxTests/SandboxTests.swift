import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import PHRModel
import PHRWire
import Testing
@testable import PHRSandbox

/// A sandbox with its three listeners on free loopback ports for the duration of one test,
/// spoken to over real HTTP.
struct LiveSandbox {
    /// The PHR API's root.
    var base: String { bases[.phr]! }
    let bases: [SandboxListener: String]
    let sandbox: Sandbox
    let tasks: [Task<Void, any Error>]
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    static func start(autoApprove: Bool = false, noETag: Bool = false, dataDir: URL? = nil) async throws -> LiveSandbox {
        let dir = dataDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("sbx-\(UUID().uuidString.prefix(8))")
        let sandbox = try await Sandbox(options: SandboxOptions(dataDir: dir, seed: 42, autoApprove: autoApprove, noETag: noETag))
        var bases: [SandboxListener: String] = [:]
        var tasks: [Task<Void, any Error>] = []
        for listener in SandboxListener.allCases {
            let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
            let app = try sandbox.application(listener, port: 0) { port in continuation.yield(port) }
            tasks.append(Task { try await app.run() })
            for await p in stream { bases[listener] = "http://127.0.0.1:\(p)"; break }
        }
        return LiveSandbox(bases: bases, sandbox: sandbox, tasks: tasks)
    }

    /// Runs `body` against a fresh sandbox and always shuts it down, even when `body` fails.
    static func with(autoApprove: Bool = false, noETag: Bool = false, dataDir: URL? = nil,
                     _ body: (LiveSandbox) async throws -> Void) async throws {
        let live = try await start(autoApprove: autoApprove, noETag: noETag, dataDir: dataDir)
        do { try await body(live) } catch {
            try await live.stop(); throw error
        }
        try await live.stop()
    }

    func stop() async throws {
        try await http.shutdown()
        for task in tasks { task.cancel() }
    }

    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    func send(_ method: String, _ path: String, json: [String: Any]? = nil, form: String? = nil,
              headers: [(String, String)] = [], on listener: SandboxListener = .phr) async throws -> Reply {
        var request = HTTPClientRequest(url: bases[listener]! + path)
        request.method = method == "GET" ? .GET : .POST
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        if let json { request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))) }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 100 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Data(buffer: body))
    }

    func clientToken() async throws -> String {
        let r = try await send("POST", "/token?Action=get_moph_access_token",
                               json: ["user": DemoAccount.user, "password_hash": DemoAccount.passwordHash, "hospital_code": DemoAccount.hospitalCode],
                               on: .account)
        #expect(r.status == 200)
        return String(decoding: r.body, as: UTF8.self)
    }

    func cid(_ kind: CitizenProfile.Kind) -> String {
        sandbox.state.directory.profiles.first { $0.kind == kind }!.cid.digits
    }

    /// Requests an OTP and reads it from the outbox.
    func otp(_ cid: String, token: String) async throws -> String {
        let r = try await send("POST", "/api/RequestTokenv1", json: ["cid": cid], headers: [("Authorization", "Bearer " + token)])
        #expect(r.status == 200)
        let outbox = try await send("GET", "/sandbox/outbox?cid=\(cid)")
        return try #require(outbox.json["otp"] as? String)
    }

    func read(_ action: String, cid: String, otp: String, token: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send("POST", "/api/WebApp?Action=\(action)", json: ["cid": cid, "otp": otp],
                       headers: [("Authorization", "Bearer " + token)] + headers)
    }
}

@Suite struct SandboxDataTests {
    @Test func sameSeedSameBytesOtherSeedOtherPeople() {
        let a = CitizenDirectory(seed: 7), b = CitizenDirectory(seed: 7), c = CitizenDirectory(seed: 8)
        #expect(a.profiles.map(\.cid) == b.profiles.map(\.cid))
        #expect(a.profiles.map(\.cid) != c.profiles.map(\.cid))
        let heavyA = CitizenRecord(profile: a.profiles[2]), heavyB = CitizenRecord(profile: b.profiles[2])
        #expect(heavyA.results == heavyB.results)
        #expect(heavyA.perEncounter == heavyB.perEncounter)
    }

    @Test func heavyCitizenHasAbout28kRowsAtFiveUnits() throws {
        let heavy = CitizenRecord(profile: CitizenDirectory(seed: 42).profiles.first { $0.kind == .heavy }!)
        #expect((27_000...29_000).contains(heavy.totalRows), "\(heavy.totalRows)")
        let encounters = try Envelope(data: Envelope.encode(resultJSON: heavy.results[ActionRequest(.encounter)]!, requestTime: Date()))
            .rows(of: ActionRequest(.encounter))
        #expect(Set(encounters.compactMap { $0.text("organization_code") }) == ["10699", "10866", "10870", "13817", "28850"])
        #expect(encounters.contains { ($0.text("period_start") ?? "").hasPrefix("14") }, "some visits carry the 1479-style year")
    }

    /// What scripts/demo, the kiosk and card scripts and the other suites look up from
    /// `phr-sandbox citizens --json` and the served data, not by name.
    @Test(arguments: [42, 7, 1234] as [UInt64])
    func theDemoCitizenAndTheFamilyAreWhatOtherTestsRelyOn(seed: UInt64) throws {
        let directory = CitizenDirectory(seed: seed)
        #expect(Set(directory.profiles.map(\.kind)).isSuperset(of: [.adult, .child, .heavy]))
        let demo = try #require(directory.profiles.first { $0.kind == .adult })
        let record = CitizenRecord(profile: demo)
        let text = { (r: ActionRequest) in String(decoding: record.results[r] ?? Data(), as: UTF8.self) }
        #expect(text(ActionRequest(.allergy)).contains("PENICILLIN"), "a drug allergy (the kiosk test looks for PENICILLIN)")
        let ncd = try JSONDecoder().decode([NCDRow].self, from: try #require(record.results[ActionRequest(.ncd)]))
        #expect(ncd.contains { $0.ncdCode == "I10" }, "hypertension")
        #expect(ncd.contains { Int($0.firstDiagnosisDate.prefix(4)).map { $0 > 2400 } ?? false }, "a chronic condition dated in BE in a CE field")
        let visits = try JSONDecoder().decode([EncounterRow].self, from: try #require(record.results[ActionRequest(.encounter)]))
        #expect(visits.contains { $0.periodStart.hasPrefix("1479-") }, "a visit of 2022 written as 1479")
        // A caregiver relation: the children's mother is one of the adults, with their surname.
        for child in directory.profiles where child.kind == .child || child.kind == .infant {
            let mother = try #require(directory.profiles.first { $0.cid == child.mother })
            #expect(mother.kind == .adult && mother.gender == "F" && mother.nameTH.last == child.nameTH.last)
            #expect((18...45).contains(mother.birthDate.years(on: child.birthDate)), "mother's age at the birth")
        }
    }

    @Test func everyCIDPassesItsCheckDigit() throws {
        for p in CitizenDirectory(seed: 1234).profiles {
            #expect(try CitizenID(p.cid.digits) == p.cid)
        }
    }
}

@Suite(.serialized) struct SandboxHTTPTests {
    @Test func everyReadActionAnswersTheRealEnvelopeAndFields() async throws {
        try await LiveSandbox.with() { live in
        let token = try await live.clientToken()
        let cid = live.cid(.adult)
        let otp = try await live.otp(cid, token: token)
        #expect(otp.range(of: #"^[A-Z]{2}[0-9]{6}$"#, options: .regularExpression) != nil)
        #expect(try await live.send("POST", "/api/WebApp?Action=ValidateOTP", json: ["cid": cid, "otp": otp],
                                    headers: [("Authorization", "Bearer " + token)]).status == 200)
        // Field names come from PHRWire's row declarations (SpecContractTests checks those
        // against SPEC's examples and every citizen's rows).
        let expectations: [(String, [String])] = [
            ("PatientSummary", []), ("Address", AddressRow.fieldNames), ("Telecom", TelecomRow.fieldNames),
            ("Encounter", EncounterRow.fieldNames), ("VitalSign", VitalSignRow.fieldNames), ("VitalSing", VitalSignRow.fieldNames),
            ("Condition", ConditionSummaryRow.fieldNames), ("Medication", MedicationSummaryRow.fieldNames),
            ("Observation", ObservationSummaryRow.fieldNames), ("Coverage", CoverageRow.fieldNames),
            ("Coverage&mode=Detail", CoverageDetailRow.fieldNames), ("Immunization&mode=Detail", ImmunizationRow.fieldNames),
            ("Allergy", AllergyRow.fieldNames), ("NCD", NCDRow.fieldNames), ("Appointment", []), ("Referral", []),
        ]
        for (action, fields) in expectations {
            let r = try await live.read(action, cid: cid, otp: otp, token: token)
            #expect(r.status == 200, "\(action)")
            let json = r.json
            for key in ["result", "MessageCode", "Message", "RequestTime", "EndpointIP", "EndpointPort", "processing_time_ms"] {
                #expect(json[key] != nil, "\(action) envelope lacks \(key)")
            }
            #expect(json["MessageCode"] as? Int == 200)
            if action == "PatientSummary" {
                let result = try #require(json["result"] as? [String: Any])
                #expect(result["patient"] != nil && result["patient_names_th"] != nil && result["patient_names_en"] != nil)
                continue
            }
            let rows = try #require(json["result"] as? [[String: Any]], "\(action)")
            if let first = rows.first { for f in fields { #expect(first[f] != nil, "\(action) lacks \(f)") } }
        }
        // Per-visit detail, with the visit reference from Encounter.
        let visits = try #require(try await live.read("Encounter", cid: cid, otp: otp, token: token).json["result"] as? [[String: Any]])
        let ref = try #require(visits.first?["encounter_ref_code"] as? String)
        #expect(ref.range(of: #"^\d{5}:\d+$"#, options: .regularExpression) != nil, "encounter_ref_code is hcode:vn")
        let dx = try await live.read("Condition&mode=Encounter&Code=\(ref)", cid: cid, otp: otp, token: token)
        let dxRows = try #require(dx.json["result"] as? [[String: Any]])
        #expect(!dxRows.isEmpty)
        #expect(dxRows.allSatisfy { !(($0["code_text"] as? String) ?? "").contains(".") }, "per-visit ICD-10 has no dot")
        #expect(dxRows.allSatisfy { $0["onset_datetime"] as? String == "1970-01-01" })
        // Labs of a visit that had them, served per encounter like Condition and Medication.
        let labRef = try #require(visits.first { ($0["observation_count"] as? Int ?? 0) > 0 }?["encounter_ref_code"] as? String)
        let labs = try await live.read("Observation&mode=Encounter&Code=\(labRef)", cid: cid, otp: otp, token: token)
        let labRows = try #require(labs.json["result"] as? [[String: Any]])
        #expect(!labRows.isEmpty && labRows.allSatisfy { $0["encounter_ref_code"] as? String == labRef })
        }
    }

    @Test func etagMakesAnUnchangedReadCheap() async throws {
        try await LiveSandbox.with() { live in
        let token = try await live.clientToken()
        let cid = live.cid(.child)
        let otp = try await live.otp(cid, token: token)
        let first = try await live.read("Encounter", cid: cid, otp: otp, token: token)
        let etag = try #require(first.header("ETag"))
        #expect(try await live.read("Encounter", cid: cid, otp: otp, token: token, headers: [("If-None-Match", etag)]).status == 304)
        }
    }

    @Test func otpExpiresWrongTriesLockAndBadInputIsAnEnvelope() async throws {
        try await LiveSandbox.with() { live in
        let token = try await live.clientToken()
        let cid = live.cid(.adult)
        let otp = try await live.otp(cid, token: token)
        let wrong = try await live.read("VitalSign", cid: cid, otp: "ZZ999999", token: token)
        #expect(wrong.status == 401 && wrong.json["attempts_left"] as? Int == 4)
        #expect(try await live.read("VitalSign", cid: cid, otp: otp, token: token).status == 200, "a right OTP resets the count")
        _ = try await live.send("POST", "/sandbox/clock", json: ["advance_seconds": 3601])
        let expired = try await live.read("VitalSign", cid: cid, otp: otp, token: token)
        #expect(expired.status == 401 && (expired.json["Message"] as? String ?? "").contains("expired"))
        let fresh = try await live.otp(cid, token: token)
        for _ in 0..<4 { _ = try await live.read("VitalSign", cid: cid, otp: "ZZ999999", token: token) }
        let locked = try await live.read("VitalSign", cid: cid, otp: "ZZ999999", token: token)
        #expect(locked.status == 423 && locked.header("Retry-After") != nil)
        #expect(try await live.read("VitalSign", cid: cid, otp: fresh, token: token).status == 423, "locked even with the right OTP")
        // Bad input: always an envelope, never a crash.
        let badCID = try await live.read("VitalSign", cid: "1234567890123", otp: fresh, token: token)
        #expect(badCID.status == 400 && badCID.json["MessageCode"] as? Int == 400)
        let badJSON = try await live.send("POST", "/api/WebApp?Action=VitalSign", form: "{not json", headers: [("Authorization", "Bearer " + token)])
        #expect(badJSON.status == 400)
        #expect(try await live.read("DropTable", cid: cid, otp: fresh, token: token).status == 404)
        #expect(try await live.send("POST", "/api/RequestTokenv1", json: ["cid": cid]).status == 401, "no client token")
        }
    }

    @Test(arguments: [("status=503", 503), ("rate-limit", 429), ("status=500", 500)])
    func headerFaults(spec: String, status: Int) async throws {
        try await LiveSandbox.with() { live in
        let token = try await live.clientToken()
        let cid = live.cid(.child)
        let otp = try await live.otp(cid, token: token)
        let r = try await live.read("VitalSign", cid: cid, otp: otp, token: token, headers: [("X-Sandbox-Fault", spec)])
        #expect(r.status == status)
        if status == 429 { #expect(r.header("Retry-After") == "1") }
        let truncated = try await live.read("Encounter", cid: cid, otp: otp, token: token, headers: [("X-Sandbox-Fault", "truncate")])
        #expect(truncated.status == 200 && (try? JSONSerialization.jsonObject(with: truncated.body)) == nil)
        let hostile = try await live.read("PatientSummary", cid: cid, otp: otp, token: token, headers: [("X-Sandbox-Fault", "hostile")])
        #expect(String(decoding: hostile.body, as: UTF8.self).contains("\\u001b[2J") || hostile.body.contains(0x1B))
        }
    }

    /// The `other-citizen` fault answers with another person's rows: every cid replaced by a
    /// different valid citizen ID, everything else as it was.
    @Test func otherCitizenFaultSendsAnotherValidCitizenID() async throws {
        try await LiveSandbox.with() { live in
        let token = try await live.clientToken()
        let cid = live.cid(.adult)
        let otp = try await live.otp(cid, token: token)
        let honest = try await live.read("Allergy", cid: cid, otp: otp, token: token)
        let mixed = try await live.read("Allergy", cid: cid, otp: otp, token: token, headers: [("X-Sandbox-Fault", "other-citizen")])
        let rows = { (body: Data) in ((try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["result"] as? [[String: Any]]) ?? [] }
        let (before, after) = (rows(honest.body), rows(mixed.body))
        #expect(mixed.status == 200 && !after.isEmpty && after.count == before.count)
        for (a, b) in zip(before, after) {
            let other = try #require(b["cid"] as? String)
            #expect(other != cid && (try? CitizenID(other)) != nil, "another valid citizen")
            #expect(a["drug_name"] as? String == b["drug_name"] as? String)
        }
        }
        #expect(Fault(spec: "other-citizen@0.5")?.kind == .otherCitizen)
    }

    @Test func aRateLimitCarriesTheRetryAfterItIsGiven() {
        #expect(Fault(spec: "rate-limit")?.kind == .rateLimit(retryAfter: "1"))
        #expect(Fault(spec: "rate-limit=nan@0.1")?.kind == .rateLimit(retryAfter: "nan"))
        #expect(Fault(spec: "rate-limit=") == nil, "an empty value is a typo, not a fault")
    }
}
