package dev.operator.cognito.aws.ratelimit;

/**
 * The CognitoUser a write is made for. Its namespace is the tenant that shares the write rate
 * fairly with the others; the whole of it is whom a deferred write wakes when its turn comes.
 */
public record Caller(String namespace, String name) {}
