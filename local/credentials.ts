/** The credentials the local S3 stand-in (s3rver) accepts; DynamoDB Local takes any. Defined once. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
