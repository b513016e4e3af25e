import Foundation
import PHRModel
import Testing
@testable import PHRKiosk

/// The kiosk's BP measurement: what the device may print, the checks and tries, the menu entry
/// and the settings.
@Suite struct BPDeviceOutputTests {
    @Test(arguments: [
        ("128/82\n", BPInput(systolic: "128", diastolic: "82")),
        ("128/82 71\n", BPInput(systolic: "128", diastolic: "82", pulse: "71")),
        ("128/82 71", BPInput(systolic: "128", diastolic: "82", pulse: "71")),
        ("  120/80   65 \n", BPInput(systolic: "120", diastolic: "80", pulse: "65")),
        ("120.5/80.0\n", BPInput(systolic: "120.5", diastolic: "80.0")),
    ])
    func theOneLineFormIsRead(_ output: String, _ expected: BPInput) {
        #expect(BPInput(deviceOutput: output) == expected)
    }

    /// Garbage of every kind is no reading (the screen says the machine gave none).
    @Test(arguments: [
        "", "\n", "\n\n", "ERR E2\n", "128\n", "128/\n", "/82\n", "128 82\n", "128/82/71\n", "128/82 71 5\n",
        "-120/80\n", "+120/80\n", "1e3/80\n", "nan/80\n", "inf/80\n", "0x80/60\n", "128/82 mmHg\n", "SYS=128 DIA=82 PUL=71\n",
        "128/82\n130/85\n", "\n128/82\n", "128/82\n\n", "128/82\r\n", "128,5/82\n", "1.2.3/80\n", ".5/80\n", "120./80\n",
        "١٢٨/٨٢\n", "１２８/８２\n", "128/82\t71\n", "128/82 71\u{0}\n", "\u{1B}[2J128/82\n",
        String(repeating: "1", count: 70) + "/80\n", "1234567/80\n",
    ])
    func anythingElseIsNoReading(_ output: String) {
        #expect(BPInput(deviceOutput: output) == nil, "\(output.debugDescription)")
    }
}

@Suite struct BPEntryTests {
    func confirmed(_ step: BPEntry.Step) -> SelfReading? {
        if case .confirm(let reading) = step { return reading }
        return nil
    }

    @Test func aPlausibleReadingGoesToConfirmationWithItsPulse() throws {
        var entry = BPEntry()
        let reading = try #require(confirmed(entry.offer(BPInput(systolic: "135", diastolic: "85", pulse: "72"))))
        #expect(reading.values.map(\.0) == [.systolic, .diastolic, .pulse])
        #expect(reading.values.map(\.1) == [135, 85, 72])
    }

    @Test func theChecksAreThoseOfPhrMeasureAddWithoutForce() {
        var entry = BPEntry()
        guard case .askAgain(.implausible(.systolic, 300), 2) = entry.offer(BPInput(systolic: "300", diastolic: "20")) else {
            Issue.record("300/20 was not refused as unusual"); return
        }
        guard case .askAgain(.impossible(.diastolic, 90), 1) = entry.offer(BPInput(systolic: "80", diastolic: "90")) else {
            Issue.record("80/90 was not refused as impossible"); return
        }
    }

    @Test func theThirdRefusalGivesUpAndAGoodReadingBeforeItIsTaken() {
        var entry = BPEntry()
        guard case .askAgain(.unreadable, 2) = entry.offer(BPInput(systolic: "abc", diastolic: "80")) else { Issue.record("letters taken"); return }
        guard case .askAgain(.unreadable, 1) = entry.offer(BPInput(systolic: "120", diastolic: "80", pulse: "x")) else { Issue.record("bad pulse taken"); return }
        #expect(confirmed(entry.offer(BPInput(systolic: "120", diastolic: "80"))) != nil)
        var other = BPEntry()
        for _ in 1..<BPEntry.tries { _ = other.offer(BPInput(systolic: "", diastolic: "")) }
        guard case .giveUp(.unreadable) = other.offer(BPInput(systolic: "", diastolic: "")) else { Issue.record("no give-up after \(BPEntry.tries) tries"); return }
    }

    @Test func refusalsAreWordedForTheCitizenInBothLanguages() {
        for thai in [true, false] {
            let words = KioskWords(thai: thai)
            for problem in [SelfReading.Problem.unreadable(kind: .bp, text: "x"), .impossible(.diastolic, 90), .implausible(.systolic, 300)] {
                let line = words.refused(problem)
                #expect(!line.contains("systolic 300") && !line.contains("--force") && !line.contains("bp value"), "\(line)")
                #expect(thai == line.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) }, "\(line)")
            }
        }
    }
}

@Suite struct MeasureMenuTests {
    @Test func theMenuOffersMeasuringByDefaultOnKeyM() throws {
        let settings = try KioskSettings(file: "k.toml") { ["hospital_code": "10699"][$0] }
        #expect(settings.actions.contains("measure"))
        #expect(MenuEntry.menu(actions: settings.actions).contains { $0.key == "m" && $0.entry == .measureBP })
        #expect(!MenuEntry.menu(actions: ["summary"]).contains { $0.entry == .measureBP })
        let keys = MenuEntry.menu(actions: KioskSettings.allActions).map(\.key)
        #expect(Set(keys).count == keys.count, "two entries share a key")
    }

    @Test func theDeviceSettingsAreReadAndChecked() throws {
        let values = ["hospital_code": "10699", "bp_device_command": "omron-read --port /dev/ttyUSB0", "bp_device_name": "Omron HBP-9030",
                      "bp_device_timeout_seconds": "45"]
        let settings = try KioskSettings(file: "k.toml") { values[$0] }
        #expect(settings.bpDevice?.words == ["omron-read", "--port", "/dev/ttyUSB0"])
        #expect(settings.bpDevice?.name == "Omron HBP-9030")
        #expect(settings.bpDevice?.timeout == .seconds(45))
        #expect(try KioskSettings(file: "k.toml") { ["hospital_code": "10699"][$0] }.bpDevice == nil)
        for (key, bad) in [("bp_device_timeout_seconds", "2"), ("bp_device_timeout_seconds", "soon"), ("bp_device_name", "a\u{1B}[2Jb")] {
            #expect(throws: KioskError.self) { try KioskSettings(file: "k.toml") { (values.merging([key: bad]) { $1 })[$0] } }
        }
    }
}

/// The device contract with real child processes (shell scripts standing in for a BP machine).
@Suite(.serialized) struct BPDeviceTests {
    func device(_ dir: String, script: String, timeout: Duration = .seconds(30)) throws -> BPDevice {
        let path = dir + "/fake-bp"
        try ("#!/bin/sh\n" + script + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o700)
        return BPDevice(command: path + " --once", name: "Test BP", timeout: timeout)!
    }

    @Test func aReadingOnStdoutIsMeasuredAndItsFilesAreRemoved() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bp = try device(dir, script: "[ \"$1\" = --once ] || exit 9\necho '131/84 77'")
        #expect(await bp.measure(in: dir, log: StaffLog(path: dir + "/staff.log"), searchPath: "/usr/bin:/bin")
                == .measured(BPInput(systolic: "131", diastolic: "84", pulse: "77")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["fake-bp"])
    }

    @Test(arguments: [
        ("echo 'cuff not fitted' >&2; exit 3", "exited 3: cuff not fitted"),
        ("echo 'ERR E2 131/84'", "printed no reading"),
        ("kill -KILL $$", "killed by signal 9"),
        ("yes 131/84 | head -c 200000", "(4096 bytes on stdout)"),
    ])
    func aFailureIsLoggedForTheStaffWithoutWhatItPrinted(_ script: String, _ logged: String) async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bp = try device(dir, script: script)
        #expect(await bp.measure(in: dir, log: StaffLog(path: dir + "/staff.log"), searchPath: "/usr/bin:/bin") == .failed)
        let log = try String(contentsOfFile: dir + "/staff.log", encoding: .utf8)
        #expect(log.contains("bp device: ") && log.contains(logged), "\(log)")
        #expect(!log.contains("131/84"), "the staff log holds a reading: \(log)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["fake-bp", "staff.log"])
    }

    @Test func aDeviceThatHangsIsStoppedAtTheTimeout() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bp = try device(dir, script: "exec sleep 60", timeout: .milliseconds(300))
        #expect(await bp.measure(in: dir, log: StaffLog(path: dir + "/staff.log"), searchPath: "/usr/bin:/bin") == .failed)
        #expect(try String(contentsOfFile: dir + "/staff.log", encoding: .utf8).contains("still running"))
    }

    @Test func aCancelledMeasurementStopsTheDevice() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bp = try device(dir, script: "echo started >&2; exec sleep 60")
        let task = Task { await bp.measure(in: dir, log: StaffLog(path: dir + "/staff.log"), searchPath: "/usr/bin:/bin") }
        while (try? FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasSuffix(".err") }) != true {
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        #expect(await task.value == .cancelled)
        #expect(!FileManager.default.fileExists(atPath: dir + "/staff.log"), "a cancel is not a failure")
    }
}
