import Foundation
import Testing
@testable import PHRWire

/// ``Envelope/resultText(of:)``: what a client compares to tell an unchanged list where the
/// service sends no ETag.
@Suite struct ResultTextTests {
    @Test func isTheResultExactlyAsSentWhateverElseTheEnvelopeSays() throws {
        let a = Envelope.encode(resultJSON: Data(#"[{"cid":"1","x":"ก"}]"#.utf8), requestTime: Date(timeIntervalSince1970: 1))
        let b = Envelope.encode(resultJSON: Data(#"[{"cid":"1","x":"ก"}]"#.utf8), requestTime: Date(timeIntervalSince1970: 2), processingMs: 9)
        #expect(a != b)
        #expect(Envelope.resultText(of: a) == Data(#"[{"cid":"1","x":"ก"}]"#.utf8))
        #expect(Envelope.resultText(of: a) == Envelope.resultText(of: b))
        let changed = Envelope.encode(resultJSON: Data(#"[{"cid":"1","x":"ข"}]"#.utf8), requestTime: Date(timeIntervalSince1970: 1))
        #expect(Envelope.resultText(of: changed) != Envelope.resultText(of: a))
    }

    @Test func readsAScalarOrNullResultAndNothingWithoutOne() {
        #expect(Envelope.resultText(of: Data(#"{"MessageCode":200,"result":null}"#.utf8)) == Data("null".utf8))
        #expect(Envelope.resultText(of: Data(#" { "result" : "XY1" , "Message":"OK"}"#.utf8)) == Data(#""XY1""#.utf8))
        #expect(Envelope.resultText(of: Data(#"{"MessageCode":200}"#.utf8)) == nil)
        #expect(Envelope.resultText(of: Data("<html>".utf8)) == nil)
        #expect(Envelope.resultText(of: Data(#"{"result":[1,2"#.utf8)) == nil, "a truncated body has no result")
    }

    @Test func worksOnASliceOfALargerBuffer() {
        let whole = Data("xx".utf8) + Data(#"{"result":[7]}"#.utf8)
        #expect(Envelope.resultText(of: whole.dropFirst(2)) == Data("[7]".utf8))
    }
}
