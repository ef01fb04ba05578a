import Testing
@testable import ChathamClient
