import AMQP
import Testing

@Suite struct AMQPErrorTests {
    @Test func classifiesConnectionLevelAndRetryableErrors() {
        let lost = AMQPError(code: .connectionLost, message: "gone")
        #expect(lost.isConnectionLevel && lost.isRetryable)
        let notFound = AMQPError(code: .channelClosed, message: "no exchange", replyCode: 404, replyText: "NOT_FOUND")
        #expect(notFound.isConnectionLevel && !notFound.isRetryable)
        let forced = AMQPError(code: .channelClosed, message: "shutdown", replyCode: 320)
        #expect(forced.isRetryable)
        let unroutable = AMQPError(code: .unroutable, message: "no queue")
        #expect(!unroutable.isConnectionLevel && !unroutable.isRetryable)
        let timeout = AMQPError(code: .timeout, message: "slow")
        #expect(!timeout.isConnectionLevel && timeout.isRetryable)
        #expect(!AMQPError(code: .declarationFailed, message: "406").isRetryable)
    }

    @Test func descriptionCarriesCodeMessageAndReply() {
        let error = AMQPError(code: .channelClosed, message: "publishing failed", replyCode: 404, replyText: "NOT_FOUND - no exchange 'x'")
        #expect(error.description == "AMQPError.channelClosed: publishing failed [broker reply 404 NOT_FOUND - no exchange 'x']")
    }
}
