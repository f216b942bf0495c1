package com.lightsailaccess.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** {@link AccessType} in its column: the word people read. */
@Converter
class AccessTypeColumn implements AttributeConverter<AccessType, String> {

    @Override
    public String convertToDatabaseColumn(AccessType type) {
        return type == null ? null : type.word();
    }

    @Override
    public AccessType convertToEntityAttribute(String column) {
        return column == null ? null : AccessType.parse(column).orElseThrow();
    }
}
