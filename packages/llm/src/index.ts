export { ChatModelOptions, LlmOutputError, createChatModel, type ChatModel } from './chat-model.ts';
export { LlmSentimentAnalyzer, type LlmSentimentOptions } from './sentiment.ts';
export { LlmSummarizer, type LlmSummarizerOptions } from './summarizer.ts';
export { UNTRUSTED_TICKET_RULES, ticketBlock } from './untrusted.ts';
export { LlmEnv } from './env.ts';
